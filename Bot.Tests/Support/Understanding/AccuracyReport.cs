using System.Globalization;
using System.Text;

namespace TeamsItBot.Tests.Support.Understanding;

/// <summary>Top-1 accuracy over a table, overall, per language and for symptom-only rows, with the misses listed.</summary>
public sealed record AccuracyReport(double Overall, IReadOnlyDictionary<string, double> PerLanguage, double SymptomOnly, IReadOnlyList<string> Misses, int Rows)
{
    public static AccuracyReport Measure(IReadOnlyList<HeldOutTable.Row> rows, Func<HeldOutTable.Row, string?> classify)
    {
        var hits = rows.Select(r => (Row: r, Got: classify(r))).ToList();
        var misses = hits.Where(h => h.Got != h.Row.Expected)
            .Select(h => $"  [{h.Row.Language}] '{h.Row.Text}': expected {h.Row.Expected ?? "none"}, got {h.Got ?? "none"}")
            .ToList();
        static double Rate(IEnumerable<(HeldOutTable.Row Row, string? Got)> set)
        {
            var list = set.ToList();
            return list.Count == 0 ? 1 : (double)list.Count(h => h.Got == h.Row.Expected) / list.Count;
        }

        var perLanguage = hits.GroupBy(h => h.Row.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Rate(g), StringComparer.Ordinal);
        return new AccuracyReport(Rate(hits), perLanguage, Rate(hits.Where(h => h.Row.SymptomOnly)), misses, rows.Count);
    }

    public string Summary(string name) => string.Create(CultureInfo.InvariantCulture,
        $"{name} accuracy: {Overall:P1} of {Rows} (symptom-only {SymptomOnly:P1}; {string.Join(", ", PerLanguage.Select(p => $"{p.Key} {p.Value:P1}"))})");

    public override string ToString()
    {
        var text = new StringBuilder(Summary("top-1")).AppendLine();
        foreach (var miss in Misses)
        {
            text.AppendLine(miss);
        }

        return text.ToString();
    }
}
