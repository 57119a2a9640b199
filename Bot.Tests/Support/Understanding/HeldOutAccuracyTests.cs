using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Tests.Support.Understanding;

public sealed class HeldOutAccuracyTests(ITestOutputHelper output)
{
    private static readonly TopicMatcher Matcher = new(KnowledgeBaseLoader.Load(KnowledgeBaseOptions.DefaultPath));

    [Fact]
    public void Held_out_table_has_at_least_150_rows_half_symptom_only_in_four_languages()
    {
        var rows = HeldOutTable.Rows;
        var withTopic = rows.Count(r => r.Expected is not null);

        Assert.True(rows.Length >= 150, $"{rows.Length} rows");
        Assert.True(rows.Count(r => r.SymptomOnly) * 2 >= withTopic, "half of the problem rows describe only the symptom");
        Assert.Equal(["de", "en", "es", "fr"], rows.Select(r => r.Language).Distinct().Order());
        Assert.Equal(rows.Length, rows.Select(r => r.Text).Distinct().Count());
    }

    [Fact]
    public void Held_out_accuracy_is_reported()
    {
        var report = AccuracyReport.Measure(HeldOutTable.Rows, row => Matcher.Match(row.Text)?.Topic.Id);

        output.WriteLine(report.ToString());
        Console.WriteLine(report.Summary("held-out"));
    }
}
