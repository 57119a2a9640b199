using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Dialogs;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;
using TeamsItBot.Support.Understanding.LanguageModel;
using TeamsItBot.Tickets.Notifications;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Support;

public static class SupportServiceCollectionExtensions
{
    /// <summary>The IT-support conversation: knowledge base, dialogs, ticket confirmation (through the ticket outbox,
    /// whose background notices it delivers) and the bot. State and locks come from AddBotFramework.</summary>
    public static IServiceCollection AddItSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKnowledgeBase(configuration);
        services.AddUnderstanding();
        services.AddLanguageModel(configuration);
        services.TryAddSingleton<SupportStateAccessors>();
        // The outbox (registered by AddTickets) delivers its background notices through this.
        services.TryAddSingleton<ITicketNotifier, SupportTicketNotifier>();
        // The change notifications (registered by AddTickets) tell the employee through this.
        services.TryAddSingleton<IChangeNoticeSender, SupportChangeNoticeSender>();
        services.TryAddSingleton<TurnSends>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReporterDirectory>();
        services.TryAddSingleton<TicketConfirmation>();
        services.TryAddSingleton<Evidence.EvidenceDownloader>();
        services.TryAddSingleton<Evidence.EvidenceCollector>();
        services.AddHttpClient(Evidence.EvidenceDownloader.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            // Redirects are followed by the downloader, which checks every hop's host before sending anything.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<SurveyRules>();
        services.TryAddSingleton<SupportOutcomeReporter>();
        services.TryAddSingleton<SatisfactionSurvey>();
        services.TryAddSingleton<FollowUp.MyTicketsList>();
        services.TryAddSingleton<FollowUp.FollowUpConversation>();
        services.TryAddSingleton<FollowUp.CreatedTicketRefresh>();
        services.TryAddSingleton<TicketRequestDialog>();
        services.TryAddSingleton<TroubleshootingDialog>();
        services.TryAddSingleton<MainDialog>();
        services.TryAddSingleton<IBot, ItSupportBot>();
        return services;
    }
}
