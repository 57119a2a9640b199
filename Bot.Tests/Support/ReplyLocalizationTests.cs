using System.Reflection;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support;

/// <summary>Every fixed sentence the bot can say reads in German, French and Spanish; the welcome follows the Teams locale.</summary>
public sealed class ReplyLocalizationTests
{
    private static readonly string[] Languages = ["de", "fr", "es"];

    private static readonly string[] WhichTicketActions = ["check", "comment on", "close", "reopen"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each constant and each sentence-making method of <see cref="SupportReplies"/> (methods with sample values), and the ticket system's error sentences.</summary>
    public static TheoryData<string, string> FixedReplies()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, text) in Replies())
        {
            foreach (var language in Languages)
            {
                data.Add(name, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixedReplies))]
    public void Fixed_reply_is_translated(string name, string language)
    {
        var text = Replies().Single(r => r.Name == name).Text;

        var translated = ReplyTranslations.Translate(text, language);

        Assert.NotEqual(text, translated);
        // Keys, links and names inside the sentence survive the translation.
        foreach (var sample in new[] { "ITSUPPORT-42", "https://jira.example/browse/ITSUPPORT-42", "Dana" })
        {
            Assert.Equal(text.Contains(sample, StringComparison.Ordinal), translated.Contains(sample, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("de", "Leider konnte ich Ihr Ticket nicht erstellen. Das Ticketsystem war zu lange nicht erreichbar.")]
    [InlineData("fr", "Le système de tickets est resté indisponible trop longtemps.")]
    [InlineData("es", "El sistema de tickets estuvo sin servicio demasiado tiempo.")]
    public void Gave_up_notice_translates_the_reason_inside_it(string language, string expected)
    {
        var translated = ReplyTranslations.Translate(SupportReplies.GaveUp(SupportReplies.GaveUpUnavailable, "d-123"), language);

        Assert.Contains(expected, translated, StringComparison.Ordinal);
        Assert.Contains("d-123", translated, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable", translated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "I'm the IT support bot")]
    [InlineData("de-DE", "Ich bin der IT-Support-Bot")]
    [InlineData("fr-FR", "Je suis le bot du support informatique")]
    [InlineData("es-ES", "Soy el bot de soporte de TI")]
    public async Task Welcome_is_in_the_teams_locale(string locale, string expected)
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams") { Locale = locale };
        await bot.Flow(adapter)
            .Send(adapter.MakeConversationUpdate(adapter.Conversation.Bot!))
            .AssertReplyContains(expected)
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("de-DE", "Diese Schaltfläche kenne ich leider nicht")]
    [InlineData("fr-FR", "je ne reconnais pas ce bouton")]
    [InlineData("es-ES", "no reconozco ese botón")]
    public async Task Unknown_button_is_answered_in_the_users_language(string locale, string expected)
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams") { Locale = locale };
        var click = adapter.MakeActivity();
        click.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { verb = "createTicket" });
        await bot.Flow(adapter)
            .Send(click)
            .AssertReplyContains(expected)
            .StartTestAsync(Ct);
    }

    private static IEnumerable<(string Name, string Text)> Replies()
    {
        foreach (var field in typeof(SupportReplies).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        {
            yield return (field.Name, (string)field.GetValue(null)!);
        }

        // StepsIntro is only the English of UnderstandingReplies.StepsIntro, which words it per language itself.
        foreach (var method in typeof(SupportReplies).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(string) && m.Name != nameof(SupportReplies.StepsIntro)))
        {
            var parameters = method.GetParameters();
            var withValues = parameters.Select(p => Sample(p)).ToArray();
            yield return ($"{method.Name}({string.Join(", ", withValues.Select(v => v ?? "null"))})", (string)method.Invoke(null, withValues)!);
            if (parameters.Any(p => p.ParameterType == typeof(string) && IsNullable(p)))
            {
                var withNulls = parameters.Select(p => p.ParameterType == typeof(string) && IsNullable(p) ? null : Sample(p)).ToArray();
                yield return ($"{method.Name}({string.Join(", ", withNulls.Select(v => v ?? "null"))})", (string)method.Invoke(null, withNulls)!);
            }
        }

        foreach (var failure in Enum.GetValues<TicketFailure>())
        {
            yield return ($"TicketFailure.{failure}", new TicketException(failure, "detail").UserMessage);
            yield return ($"FollowUpReplies.Failed({failure})", FollowUpReplies.Failed(new TicketException(failure, "detail")));
        }

        // WhichTicket is worded per action (the four the follow-up conversation asks about).
        foreach (var action in WhichTicketActions)
        {
            yield return ($"FollowUpReplies.WhichTicket({action})", FollowUpReplies.WhichTicket(action));
        }

        foreach (var field in typeof(FollowUpReplies).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        {
            yield return ("FollowUpReplies." + field.Name, (string)field.GetValue(null)!);
        }

        foreach (var method in typeof(FollowUpReplies).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(string) && m.Name is not (nameof(FollowUpReplies.WhichTicket) or nameof(FollowUpReplies.Failed))))
        {
            var values = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)4_200 : Sample(p)).ToArray();
            yield return ($"FollowUpReplies.{method.Name}({string.Join(", ", values)})", (string)method.Invoke(null, values)!);
        }
    }

    private static object? Sample(ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(Uri) => new Uri("https://jira.example/browse/ITSUPPORT-42"),
        var t when t == typeof(bool) => true,
        _ when parameter.Name is "key" => "ITSUPPORT-42",
        _ when parameter.Name is "browseUrl" => "https://jira.example/browse/ITSUPPORT-42",
        _ when parameter.Name is "name" or "reporterName" => "Dana Smith",
        _ when parameter.Name is "userMessage" => new TicketException(TicketFailure.Timeout, "detail").UserMessage,
        _ when parameter.Name is "summary" => "here is what usually fixes it.",
        _ when parameter.Name is "topicTitle" => "VPN will not connect",
        _ when parameter.Name is "projectKey" => "ITSUPPORT",
        _ when parameter.Name is "status" => "Waiting for support",
        _ when parameter.Name is "topic" => "my printer",
        _ => "d-7",
    };

    private static bool IsNullable(ParameterInfo parameter) =>
        new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
}
