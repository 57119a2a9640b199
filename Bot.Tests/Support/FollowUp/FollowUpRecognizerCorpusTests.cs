using System.Text.Json;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;
using TeamsItBot.Tests.Support.KnowledgeBase;
using TeamsItBot.Tests.Support.Understanding;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>
/// The follow-up recognizer runs before everything else in every language, so no problem employees type
/// (the held-out and utterance tables, written for topic matching) and no dialog answer of the shipped intent
/// files may be taken for a command.
/// </summary>
public sealed class FollowUpRecognizerCorpusTests
{
    public static TheoryData<string, string> Problems()
    {
        var data = new TheoryData<string, string>();
        foreach (var (language, text) in HeldOutTable.Rows.Select(r => (r.Language, r.Text)).Concat(UtteranceTable.All.Select(u => ("en", u.Utterance))).Distinct())
        {
            data.Add(language, text);
        }

        return data;
    }

    /// <summary>Every phrase of intents.json, intents.de.json, ... except the MyTickets ones, which ask about tickets.</summary>
    public static TheoryData<string, string> DialogAnswers()
    {
        var rows = new HashSet<(string, string)>();
        var english = IntentCatalog.PathBeside(KnowledgeBaseOptions.DefaultPath);
        foreach (var language in LanguageDetector.Supported)
        {
            var path = language == LanguageDetector.English ? english : Path.ChangeExtension(english, $".{language}.json");
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var intent in document.RootElement.GetProperty("intents").EnumerateArray().Where(i => i.GetProperty("id").GetString() != IntentIds.MyTickets))
            {
                foreach (var phrase in Phrases(intent, "exact").Concat(Phrases(intent, "contains"))) rows.Add((language, phrase));
            }
        }

        var data = new TheoryData<string, string>();
        foreach (var (language, text) in rows) data.Add(language, text);
        return data;
    }

    private static IEnumerable<string> Phrases(JsonElement intent, string list) =>
        intent.TryGetProperty(list, out var phrases) ? phrases.EnumerateArray().Select(p => p.GetString()!) : [];

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_problem_description_is_not_a_follow_up_command(string language, string text) =>
        Assert.True(FollowUpCommandRecognizer.Recognize(text) is null, $"{language}: \"{text}\" was taken for {FollowUpCommandRecognizer.Recognize(text)}");

    [Theory]
    [MemberData(nameof(DialogAnswers))]
    public void A_dialog_answer_of_the_intent_files_is_not_a_follow_up_command(string language, string text) =>
        Assert.True(FollowUpCommandRecognizer.Recognize(text) is null, $"{language}: \"{text}\" was taken for {FollowUpCommandRecognizer.Recognize(text)}");
}
