/// The page's inline CSS: a light, print-friendly layout with cards, tables and charts that
/// scale down to the window width. No web fonts (system fonts only).
enum ReportStylesheet {
    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f3f4f6; color: #111827;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 20px 24px 48px; }
    header.page { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between;
      gap: 4px 24px; margin-bottom: 8px; }
    h1 { font-size: 22px; margin: 0; }
    .as-of { color: #4b5563; font-size: 15px; }
    .as-of time { font-weight: 600; color: #111827; }
    nav.toc { font-size: 13px; margin: 4px 0 12px; color: #6b7280; }
    nav.toc a { color: #1d4ed8; text-decoration: none; margin-right: 14px; }
    section { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 14px 18px;
      margin: 14px 0; }
    h2 { font-size: 16px; margin: 0 0 10px; }
    h3 { font-size: 14px; margin: 14px 0 6px; }
    .muted { color: #6b7280; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px;
      background: none; border: 0; padding: 0; }
    .kpi { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 10px 14px; }
    .kpi-value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
    .kpi-label { color: #6b7280; font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; }
    .chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 6px; padding: 0; list-style: none; }
    .chips a { display: inline-block; padding: 3px 10px; border-radius: 999px; background: #fef2f2;
      color: #991b1b; text-decoration: none; border: 1px solid #fecaca; font-size: 13px; }
    .chips b { font-variant-numeric: tabular-nums; }
    .count { display: inline-block; min-width: 24px; padding: 0 8px; border-radius: 999px; background: #fee2e2;
      color: #991b1b; font-size: 12px; text-align: center; margin-left: 6px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #f1f5f9; vertical-align: top; }
    th { color: #6b7280; font-weight: 600; font-size: 12px; border-bottom: 1px solid #e5e7eb; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.best { font-weight: 700; color: #065f46; }
    caption { caption-side: bottom; text-align: left; color: #6b7280; font-size: 12px; padding-top: 4px; }
    figure.chart { margin: 0 0 22px; }
    figure.chart:last-child { margin-bottom: 0; }
    figcaption { margin: 0 0 4px; }
    .chart-title { font-weight: 650; }
    .reason { display: inline-block; margin-left: 8px; padding: 0 8px; border-radius: 999px; background: #eff6ff;
      color: #1e40af; font-size: 12px; }
    svg { display: block; max-width: 100%; height: auto; }
    ul.notes { margin: 0; padding-left: 20px; }
    footer { color: #9ca3af; font-size: 12px; text-align: center; margin-top: 20px; }
    @media print { body { background: #ffffff; } section { break-inside: avoid; border-color: #d1d5db; } }
    """
}
