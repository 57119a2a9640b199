using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace TeamsItBot.Insights.Dashboard;

/// <summary>
/// Bar charts as inline SVG, rendered on the server: no script, no CDN, works offline and in
/// print. Labels are HTML-encoded. Each bar carries its value in a &lt;title&gt; and data-value.
/// </summary>
public static class SvgChart
{
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars, double? max = null, Func<double, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        format ??= v => v.ToString("0.##", CultureInfo.InvariantCulture);
        const int height = 160, top = 16, bottom = 36, left = 8;
        var barWidth = bars.Count > 40 ? 10 : 24;
        var gap = bars.Count > 40 ? 4 : 10;
        var width = Math.Max(240, left * 2 + bars.Count * (barWidth + gap));
        var scale = max ?? Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var encoder = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{encoder.Encode(title)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{encoder.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - left}\" y2=\"{height - bottom}\" stroke=\"#888\"/>");
        var plot = height - top - bottom;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = scale <= 0 ? 0 : Math.Round(plot * Math.Clamp(value / scale, 0, 1), 1);
            var x = left + i * (barWidth + gap);
            var y = height - bottom - h;
            var text = encoder.Encode($"{label}: {format(value)}");
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"bar\" data-label=\"{encoder.Encode(label)}\" data-value=\"{value.ToString("0.####", CultureInfo.InvariantCulture)}\"><title>{text}</title>" +
                $"<rect x=\"{x}\" y=\"{y.ToString(CultureInfo.InvariantCulture)}\" width=\"{barWidth}\" height=\"{h.ToString(CultureInfo.InvariantCulture)}\" fill=\"#4f6bed\"/>");
            if (bars.Count <= 40)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + barWidth / 2}\" y=\"{height - bottom + 14}\" font-size=\"9\" text-anchor=\"middle\">{encoder.Encode(Short(label))}</text>");
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string label) => label.Length <= 6 ? label : label[..5] + "…";
}
