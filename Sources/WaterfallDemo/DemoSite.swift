import WaterfallKit

/// The demo's `site.yml` (SPEC §2), commented so a new user can adapt it to their own export.
enum DemoSite {
    static func yaml(_ plan: DemoPlan) -> String {
        """
        # Waterfall settings for the demo company. Every key is explained above it;
        # change them to match your own CRM export and rebuild.
        #
        # The demo exports in snapshots/ cover the last 12 months of activity: each
        # weekly file holds every open record plus the records that closed (won or
        # lost) or went quiet within the 12 months before its date.

        # Shown in every page title and in the weekly e-mail.
        company: \(DemoCatalog.company)

        # Where the site is published; the e-mail links to pages under this address.
        base_url: https://reports.example.internal/pipeline/

        # Amounts in the exports are in this currency.
        currency: USD

        # The fiscal year starts on day 1 of this month (2 = February) and is named by
        # the calendar year it ends in: FY2027 runs from 2026-02-01 to 2027-01-31.
        fiscal_year_start_month: \(DemoPlan.fiscalYearStartMonth)

        # Export columns that get a page per value (Enterprise, EMEA, ...).
        dimensions: [segment, region]

        # Values of the `source` column that count as marketing-sourced.
        marketing_sources: [Marketing]

        # The stages of the waterfall in order, with the definitions Marketing and
        # Sales agreed. Each export has a `<key>_date` column per stage; the
        # pipeline stage is where an opportunity is created; the last stage is won.
        stages:
          - key: inquiry
            name: Inquiry
            owner: Marketing
            definition: "A person who raised a hand: filled in a form, registered for a webinar or had their badge scanned at an event."
          - key: mql
            name: Marketing Qualified Lead
            owner: Marketing
            definition: "An inquiry that matches our ideal customer profile and reached the lead score threshold, routed to a sales development rep."
          - key: sal
            name: Sales Accepted Lead
            owner: Sales
            definition: "An MQL or a sales-sourced lead that a sales rep has reviewed and accepted for follow-up, with a first conversation booked."
          - key: sql
            name: Sales Qualified Lead
            owner: Sales
            definition: "A lead confirmed in a discovery call to have a real automation project, budget in sight and a named decision maker."
          - key: opportunity
            name: Opportunity
            owner: Sales
            pipeline: true
            definition: "A qualified deal in the forecast, with an amount and an expected close date, that the account executive is working to close."
          - key: won
            name: Closed Won
            owner: Sales
            definition: "A signed order or contract, booked at the amount on the day it was signed."

        # Service levels between the teams: how many days a stage may wait for a
        # response (the next stage or a disqualification).
        slas:
          - { name: Lead acceptance, from: mql, days: 2 }
          - { name: SQL follow-up, from: sql, days: 5 }

        """
    }
}
