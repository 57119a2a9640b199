using System.Diagnostics;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Tests.Support.KnowledgeBase;

public sealed class TopicMatcherTests(ITestOutputHelper output)
{
    private static readonly TopicMatcher Matcher = new(KnowledgeBaseLoader.Load(KnowledgeBaseOptions.DefaultPath));

    [Theory]
    [MemberData(nameof(UtteranceTable.MustPass), MemberType = typeof(UtteranceTable))]
    public void Must_pass_utterance_matches_expected_topic(string utterance, string? expected)
    {
        var match = Matcher.Match(utterance);

        Assert.Equal(expected, match?.Topic.Id);
    }

    [Fact]
    public void Accuracy_over_the_utterance_table_is_at_least_90_percent()
    {
        var rows = UtteranceTable.All.ToList();
        var misses = new List<string>();
        foreach (var (utterance, expected) in rows)
        {
            var match = Matcher.Match(utterance);
            if (match?.Topic.Id != expected)
            {
                misses.Add($"  '{utterance}': expected {expected ?? "none"}, got {match?.Topic.Id ?? "none"} (score {match?.Score})");
            }
        }

        var accuracy = (double)(rows.Count - misses.Count) / rows.Count;
        output.WriteLine($"Topic matcher accuracy: {accuracy:P1} ({rows.Count - misses.Count}/{rows.Count} utterances)");
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        Assert.True(rows.Count >= 70, $"the table should have at least 70 rows, has {rows.Count}");
        Assert.True(rows.Count(r => r.Expected is null) >= 10, "the table should have at least 10 no-match rows");
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy:P1} is below 90%:{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
    }

    [Theory]
    [InlineData("TEAMS KEEPS CRASHING")]
    [InlineData("teams... keeps, crashing?!")]
    [InlineData("  Teams   keeps crashing  ")]
    [InlineData("Teams’ keeps crashing")]
    public void Case_punctuation_and_spacing_do_not_matter(string utterance)
    {
        Assert.Equal("teams", Matcher.Match(utterance)?.Topic.Id);
    }

    [Theory]
    [InlineData("crash")]
    [InlineData("crashes")]
    [InlineData("crashed")]
    [InlineData("crashing")]
    public void Word_forms_fold_to_one_stem(string form)
    {
        var match = Matcher.Match($"word {form}");

        Assert.Equal("office-apps", match?.Topic.Id);
        Assert.Equal(Matcher.Match("word crash")!.Score, match!.Score);
    }

    [Fact]
    public void A_typo_scores_less_than_the_correct_word()
    {
        var exact = Matcher.Match("outlook");
        var typo = Matcher.Match("outlok");

        Assert.Equal("outlook", typo?.Topic.Id);
        Assert.True(typo!.Score < exact!.Score);
    }

    [Theory]
    [InlineData("wi fi")]
    [InlineData("wi-fi")]
    [InlineData("WiFi")]
    public void Split_and_hyphenated_words_join(string wifi)
    {
        Assert.Equal("wifi", Matcher.Match($"{wifi} keeps dropping")?.Topic.Id);
    }

    [Theory]
    [InlineData("it shows nothing", null)]
    [InlineData("the main thing", null)]
    [InlineData("tema is down", "teams")]
    [InlineData("vnp down", "vpn")]
    public void Short_words_forgive_only_transpositions(string utterance, string? expected)
    {
        Assert.Equal(expected, Matcher.Match(utterance)?.Topic.Id);
    }

    [Fact]
    public void A_product_name_outweighs_generic_trouble_words()
    {
        var match = Matcher.Match("Outlook is not working and keeps crashing, it is broken, nothing works");

        Assert.Equal("outlook", match?.Topic.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("not working")]
    [InlineData("it is broken, please help")]
    public void Empty_or_generic_text_matches_nothing(string? utterance)
    {
        Assert.Null(Matcher.Match(utterance));
    }

    [Fact]
    public void A_very_long_message_is_handled()
    {
        var text = string.Concat(Enumerable.Repeat("blah ", 5000)) + new string('x', 500) + " teams crashing";

        _ = Matcher.Match(text);
        Assert.Equal("vpn", Matcher.Match("vpn " + string.Concat(Enumerable.Repeat("blah ", 5000)))?.Topic.Id);
    }

    [Fact]
    public void Confidence_is_lower_when_two_topics_compete()
    {
        var clear = Matcher.Match("my microphone and headset have no sound");
        var mixed = Matcher.Match("outlook and teams");

        Assert.NotNull(clear);
        Assert.NotNull(mixed);
        Assert.InRange(clear.Confidence, 0.5, 1.0);
        Assert.True(mixed.Confidence < clear.Confidence);
        Assert.NotNull(mixed.RunnerUp);
    }

    [Fact]
    public void A_higher_minimum_score_rejects_a_single_typo()
    {
        var strict = new TopicMatcher(Matcher.KnowledgeBase, minimumScore: 3);

        Assert.Null(strict.Match("outlok"));
        Assert.NotNull(strict.Match("outlook"));
    }

    [Fact]
    public void Matching_is_fast_and_allocates_only_the_result()
    {
        string[] samples = ["teams keeps crashing", "cant connect to vpn", "outlok wont sync", "hello", "my pasword expired and I am locked out of my account since this morning"];
        foreach (var sample in samples)
        {
            Matcher.Match(sample); // warm-up
        }

        const int rounds = 2000;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            foreach (var sample in samples)
            {
                Matcher.Match(sample);
            }
        }

        stopwatch.Stop();
        var calls = rounds * samples.Length;
        var bytesPerCall = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / calls;
        var microsecondsPerCall = stopwatch.Elapsed.TotalMicroseconds / calls;
        output.WriteLine($"{microsecondsPerCall:F2} µs and {bytesPerCall:F0} bytes per match");

        Assert.True(bytesPerCall < 128, $"{bytesPerCall} bytes allocated per match");
        Assert.True(microsecondsPerCall < 500, $"{microsecondsPerCall} µs per match"); // generous: shared CI machines
    }
}
