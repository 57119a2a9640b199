using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamsItBot.Insights.Dashboard;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Insights.Pages;

/// <summary>The dashboard: the period's report from the events, and the knowledge base in use with a phrase tester.</summary>
public sealed class AdminModel(IOutcomeEventStore store, IKnowledgeBaseProvider guides, TimeProvider time) : PageModel
{
    public const int MaxPhraseLength = 500;

    public DashboardReport Report { get; private set; } = null!;

    public int Days { get; private set; }

    public LoadedKnowledgeBase Guides => guides.Current;

    public KnowledgeBaseLoadError? GuidesError => guides.LastError;

    public string? Phrase { get; private set; }

    public TopicMatch? PhraseMatch { get; private set; }

    public async Task OnGetAsync(int? days, string? phrase, CancellationToken cancellationToken)
    {
        Days = Math.Clamp(days ?? DashboardPeriod.DefaultDays, 1, DashboardPeriod.MaxDays);
        var (since, until) = DashboardPeriod.Last(Days, time);
        Report = DashboardReport.Build(await store.QueryAsync(since, until, cancellationToken), since, until);
        if (!string.IsNullOrWhiteSpace(phrase))
        {
            Phrase = phrase.Length > MaxPhraseLength ? phrase[..MaxPhraseLength] : phrase;
            PhraseMatch = Guides.Matcher.Match(Phrase);
        }
    }

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0.#} %" : "–";

    public static string Score(double? average) => average is { } a ? a.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalSeconds: < 120 } s => $"{s.TotalSeconds:0} s",
        { TotalHours: < 1 } s => $"{s.TotalMinutes:0.#} min",
        var s => $"{s.Value.TotalHours:0.#} h",
    };
}
