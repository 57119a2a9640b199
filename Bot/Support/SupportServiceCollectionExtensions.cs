using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Dialogs;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;
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
        services.TryAddSingleton<SupportStateAccessors>();
        // The outbox (registered by AddTickets) delivers its background notices through this.
        services.TryAddSingleton<ITicketNotifier, SupportTicketNotifier>();
        services.TryAddSingleton<TurnSends>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReporterDirectory>();
        services.TryAddSingleton<TicketConfirmation>();
        services.TryAddSingleton<SurveyRules>();
        services.TryAddSingleton<SupportOutcomeReporter>();
        services.TryAddSingleton<SatisfactionSurvey>();
        services.TryAddSingleton<FollowUp.FollowUpConversation>();
        services.TryAddSingleton<FollowUp.CreatedTicketRefresh>();
        services.TryAddSingleton<TicketRequestDialog>();
        services.TryAddSingleton<TroubleshootingDialog>();
        services.TryAddSingleton<MainDialog>();
        services.TryAddSingleton<IBot, ItSupportBot>();
        return services;
    }
}
