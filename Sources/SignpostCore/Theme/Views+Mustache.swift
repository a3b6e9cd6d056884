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
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": hasBreadcrumbs
        case "page": page
        case "section": section
        case "pagination": pagination
        case "home": home
        case "taxonomy": taxonomy
        case "term": term
        case "alphabetical": alphabetical
        case "notFound": notFound
        case "leave": leave
        case "browsingSafely": browsingSafely
        case "search": search
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
        case "alphabeticalURL": alphabeticalURL
        case "searchURL": searchURL
        case "quickExit": quickExit
        case "scriptURL": scriptURL
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
        case "noindex": noindex
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

extension Crumb: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
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
        case "hasRelated": hasRelated
        case "related": related
        case "toc": toc
        case "hasTOC": hasTOC
        case "structuredDataHTML": structuredDataHTML
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

extension TermLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "label": label
        case "url": url
        case "count": count
        case "isSingle": isSingle
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
        case "sectionTitle": sectionTitle
        case "sectionURL": sectionURL
        case "regions": regions
        case "updated": updated
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

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "browse": browse
        case "hasBrowse": hasBrowse
        case "recent": recent
        case "hasRecent": hasRecent
        default: nil
        }
    }
}

extension TaxonomyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "title": title
        case "url": url
        case "terms": terms
        default: nil
        }
    }
}

extension TermView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "taxonomyTitle": taxonomyTitle
        case "taxonomyURL": taxonomyURL
        case "count": count
        case "isSingle": isSingle
        case "pages": pages
        default: nil
        }
    }
}

extension AlphabeticalView: MustacheParent {
    func child(named name: String) -> Any? {
        name == "groups" ? groups : nil
    }
}

extension LetterGroupView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "letter": letter
        case "anchor": anchor
        case "pages": pages
        default: nil
        }
    }
}

extension SearchView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "indexURL": indexURL
        case "scriptURL": scriptURL
        case "browse": browse
        case "hasBrowse": hasBrowse
        default: nil
        }
    }
}

extension NotFoundView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sections": sections
        case "browse": browse
        default: nil
        }
    }
}

extension QuickExitView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "helpURL": helpURL
        default: nil
        }
    }
}

extension TOCEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "text": text
        case "level": level
        case "isSubheading": isSubheading
        default: nil
        }
    }
}

extension LeaveView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "host": host
        case "destination": destination
        case "destinationHref": destinationHref
        case "linkText": linkText
        default: nil
        }
    }
}

extension BrowsingSafelyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "quickExitURL": quickExitURL
        case "quickExitHost": quickExitHost
        default: nil
        }
    }
}
