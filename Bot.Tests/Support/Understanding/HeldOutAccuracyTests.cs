using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;

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
    public void Held_out_accuracy_before_this_work_is_reported()
    {
        var report = AccuracyReport.Measure(HeldOutTable.Rows, row => Matcher.Match(row.Text)?.Topic.Id);

        output.WriteLine(report.ToString());
        Console.WriteLine(report.Summary("held-out (English-only keyword matcher)"));
    }

    [Fact]
    public void Held_out_accuracy_with_the_teams_locale_is_at_least_95_percent()
    {
        var report = AccuracyReport.Measure(HeldOutTable.Rows, row =>
            SharedKnowledge.Index.Find(row.Text, LanguageDetector.Decide(row.Text, null, row.Language + "-XX")).Match?.Topic.Id);

        output.WriteLine(report.ToString());
        Console.WriteLine(report.Summary("held-out (locale sent)"));
        Assert.True(report.Overall >= 0.95, report.ToString());
    }

    [Fact]
    public void Held_out_accuracy_with_an_english_client_is_at_least_90_percent()
    {
        // Many employees type their own language in an English Teams client: the language comes from the text.
        var report = AccuracyReport.Measure(HeldOutTable.Rows, row =>
            SharedKnowledge.Index.Find(row.Text, LanguageDetector.Decide(row.Text, null, "en-US")).Match?.Topic.Id);

        output.WriteLine(report.ToString());
        Console.WriteLine(report.Summary("held-out (en-US client)"));
        Assert.True(report.Overall >= 0.90, report.ToString());
    }
}
