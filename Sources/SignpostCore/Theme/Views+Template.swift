// Templates look values up by name: one switch per view type, no reflection or casts.

extension RenderContext: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "site": site.templateValue
        case "head": head.templateValue
        case "navigation": navigation.templateValue
        case "hasNavigation": hasNavigation.templateValue
        case "breadcrumbs": breadcrumbs.templateValue
        case "hasBreadcrumbs": hasBreadcrumbs.templateValue
        case "page": page.templateValue
        case "section": section.templateValue
        case "pagination": pagination.templateValue
        case "home": home.templateValue
        case "taxonomy": taxonomy.templateValue
        case "term": term.templateValue
        case "alphabetical": alphabetical.templateValue
        case "notFound": notFound.templateValue
        case "leave": leave.templateValue
        case "browsingSafely": browsingSafely.templateValue
        case "search": search.templateValue
        default: .null
        }
    }
}

extension SiteView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "language": language.templateValue
        case "basePath": basePath.templateValue
        case "crisisHTML": crisisHTML.templateValue
        case "acknowledgement": acknowledgement.templateValue
        case "alphabeticalURL": alphabeticalURL.templateValue
        case "searchURL": searchURL.templateValue
        case "quickExit": quickExit.templateValue
        case "scriptURL": scriptURL.templateValue
        default: .null
        }
    }
}

extension HeadView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "description": description.templateValue
        case "canonical": canonical.templateValue
        case "noindex": noindex.templateValue
        default: .null
        }
    }
}

extension NavigationItem: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "url": url.templateValue
        case "current": current.templateValue
        default: .null
        }
    }
}

extension Crumb: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "url": url.templateValue
        default: .null
        }
    }
}

extension PageView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "summary": summary.templateValue
        case "reviewed": reviewed.templateValue
        case "date": date.templateValue
        case "contentHTML": .utf8(contentHTML)
        case "contact": contact.templateValue
        case "hasTerms": hasTerms.templateValue
        case "taxonomies": taxonomies.templateValue
        case "hasRelated": hasRelated.templateValue
        case "related": related.templateValue
        case "toc": toc.templateValue
        case "hasTOC": hasTOC.templateValue
        case "structuredDataHTML": structuredDataHTML.templateValue
        default: .null
        }
    }
}

extension DateView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "iso": iso.templateValue
        case "longForm": longForm.templateValue
        default: .null
        }
    }
}

extension LinkView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "href": href.templateValue
        case "text": text.templateValue
        default: .null
        }
    }
}

extension ContactView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "organisation": organisation.templateValue
        case "website": website.templateValue
        case "phone": phone.templateValue
        case "email": email.templateValue
        case "address": address.templateValue
        default: .null
        }
    }
}

extension TermLinkView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "key": key.templateValue
        case "label": label.templateValue
        case "url": url.templateValue
        case "count": count.templateValue
        case "isSingle": isSingle.templateValue
        default: .null
        }
    }
}

extension SectionView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "summary": summary.templateValue
        case "introHTML": introHTML.templateValue
        case "hasSubsections": hasSubsections.templateValue
        case "subsectionsHeading": subsectionsHeading.templateValue
        case "subsections": subsections.templateValue
        case "hasPages": hasPages.templateValue
        case "pagesHeading": pagesHeading.templateValue
        case "pages": pages.templateValue
        default: .null
        }
    }
}

extension ListItemView: TemplateObject {
    /// A page's list item is made once for the whole build and shown in its sections', terms' and
    /// neighbours' lists (`isPageItem`); items made for one page (its subsections) are not kept.
    var isShared: Bool { isPageItem }

    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": title.templateValue
        case "url": url.templateValue
        case "summary": summary.templateValue
        case "sectionTitle": sectionTitle.templateValue
        case "sectionURL": sectionURL.templateValue
        case "regions": regions.templateValue
        case "updated": updated.templateValue
        default: .null
        }
    }
}

extension PaginationView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "number": number.templateValue
        case "count": count.templateValue
        case "previousURL": previousURL.templateValue
        case "nextURL": nextURL.templateValue
        default: .null
        }
    }
}

extension HomeView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "browse": browse.templateValue
        case "hasBrowse": hasBrowse.templateValue
        case "recent": recent.templateValue
        case "hasRecent": hasRecent.templateValue
        default: .null
        }
    }
}

extension TaxonomyView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "name": self.name.templateValue
        case "title": title.templateValue
        case "url": url.templateValue
        case "terms": terms.templateValue
        default: .null
        }
    }
}

extension TermView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "label": label.templateValue
        case "taxonomyTitle": taxonomyTitle.templateValue
        case "taxonomyURL": taxonomyURL.templateValue
        case "count": count.templateValue
        case "isSingle": isSingle.templateValue
        case "pages": pages.templateValue
        default: .null
        }
    }
}

extension AlphabeticalView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        name == "groups" ? groups.templateValue : .null
    }
}

extension LetterGroupView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "letter": letter.templateValue
        case "anchor": anchor.templateValue
        case "pages": pages.templateValue
        default: .null
        }
    }
}

extension SearchView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "indexURL": indexURL.templateValue
        case "scriptURL": scriptURL.templateValue
        case "browse": browse.templateValue
        case "hasBrowse": hasBrowse.templateValue
        default: .null
        }
    }
}

extension NotFoundView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "sections": sections.templateValue
        case "browse": browse.templateValue
        default: .null
        }
    }
}

extension QuickExitView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "url": url.templateValue
        case "helpURL": helpURL.templateValue
        default: .null
        }
    }
}

extension TOCEntry: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "id": id.templateValue
        case "text": text.templateValue
        case "level": level.templateValue
        case "isSubheading": isSubheading.templateValue
        default: .null
        }
    }
}

extension LeaveView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "host": host.templateValue
        case "destination": destination.templateValue
        case "destinationHref": destinationHref.templateValue
        case "linkText": linkText.templateValue
        default: .null
        }
    }
}

extension BrowsingSafelyView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "quickExitURL": quickExitURL.templateValue
        case "quickExitHost": quickExitHost.templateValue
        default: .null
        }
    }
}
