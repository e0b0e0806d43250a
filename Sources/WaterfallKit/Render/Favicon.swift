/// The site's icon, written at the root of every site (and of every archived copy) and linked
/// from every page: three falling bars, the waterfall, in the theme's brand blue.
enum Favicon {
    static let file = "favicon.svg"

    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
        <rect width="32" height="32" rx="6" fill="#163d66"/>\
        <rect x="5" y="6" width="6" height="20" rx="1" fill="#ffffff"/>\
        <rect x="13" y="12" width="6" height="14" rx="1" fill="#9cc3e6"/>\
        <rect x="21" y="18" width="6" height="8" rx="1" fill="#ffffff"/>\
        </svg>

        """
}
