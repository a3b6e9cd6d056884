import Mustache

// Templates look values up by name. Without these conformances swift-mustache finds them through
// `Mirror`, which took over half of a 10,000-page build; a switch per view type costs next to nothing.

extension RenderContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "head": head
        case "navigation": navigation
        case "hasNavigation": hasNavigation
        case "page": page
        case "section": section
        case "pagination": pagination
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "language": language
        case "basePath": basePath
        case "crisisHTML": crisisHTML
        case "acknowledgement": acknowledgement
        default: nil
        }
    }
}

extension HeadView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "canonical": canonical
        default: nil
        }
    }
}

extension NavigationItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "current": current
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": summary
        case "reviewed": reviewed
        case "date": date
        case "contentHTML": contentHTML
        case "contact": contact
        case "hasTerms": hasTerms
        case "taxonomies": taxonomies
        default: nil
        }
    }
}

extension DateView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "iso": iso
        case "longForm": longForm
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "text": text
        default: nil
        }
    }
}

extension ContactView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "organisation": organisation
        case "website": website
        case "phone": phone
        case "email": email
        case "address": address
        default: nil
        }
    }
}

extension TaxonomyTermsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "title": title
        case "terms": terms
        default: nil
        }
    }
}

extension TermView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "label": label
        default: nil
        }
    }
}

extension SectionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": summary
        case "introHTML": introHTML
        case "hasSubsections": hasSubsections
        case "subsectionsHeading": subsectionsHeading
        case "subsections": subsections
        case "hasPages": hasPages
        case "pagesHeading": pagesHeading
        case "pages": pages
        default: nil
        }
    }
}

extension ListItemView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "summary": summary
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "count": count
        case "previousURL": previousURL
        case "nextURL": nextURL
        default: nil
        }
    }
}
