import Foundation

/// schema.org JSON-LD, encoded so that no value can end the `<script>` element it sits in.
enum StructuredData {
    private struct WebPage: Encodable {
        let context = "https://schema.org"
        let type = "WebPage"
        var name: String
        var url: String
        var lastReviewed: String?
        var about: Organization

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, url, lastReviewed, about
        }
    }

    private struct Organization: Encodable {
        let type = "Organization"
        var name: String?
        var url: String?
        var email: String?
        var telephone: String?
        var address: String?
        var contactPoint: ContactPoint?

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, email, telephone, address, contactPoint
        }
    }

    private struct ContactPoint: Encodable {
        let type = "ContactPoint"
        var telephone: String?
        var email: String?
        var contactType = "enquiries"

        enum CodingKeys: String, CodingKey {
            case type = "@type", telephone, email, contactType
        }
    }

    /// A page about an organisation, with its contact details and when the page was last reviewed.
    static func contactPage(_ page: Page, contact: Contact, config: SiteConfig) -> String {
        let point = contact.phone != nil || contact.email != nil
            ? ContactPoint(telephone: contact.phone, email: contact.email) : nil
        let organisation = Organization(name: contact.organisation, url: contact.website, email: contact.email,
                                        telephone: contact.phone, address: contact.address, contactPoint: point)
        let document = WebPage(name: page.title, url: config.baseURL.absolute(page.url),
                               lastReviewed: page.frontMatter.reviewed?.iso, about: organisation)
        return encode(document)
    }

    /// Sorted keys for stable output; `<`, `>` and `&` as `\u` escapes (`JSONWriter.markupSafe`),
    /// so `</script>` or `<!--` in a value cannot end or change the script element.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return JSONWriter.markupSafe(String(decoding: data, as: UTF8.self))
    }
}
