using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Dialogs;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Support;

public static class SupportServiceCollectionExtensions
{
    /// <summary>The IT-support conversation: knowledge base, dialogs, ticket confirmation (through the ticket outbox,
    /// whose background notices it delivers) and the bot.</summary>
    public static IServiceCollection AddItSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKnowledgeBase(configuration);
        services.AddUnderstanding();
        services.TryAddSingleton<IStorage, MemoryStorage>();
        services.TryAddSingleton<ConversationState>();
        services.TryAddSingleton<KeyedLock>();
        services.TryAddSingleton<SupportStateAccessors>();
        services.AddTicketOutbox(configuration);
        services.RemoveAll<ITicketNotifier>();
        services.AddSingleton<ITicketNotifier, SupportTicketNotifier>();
        services.TryAddSingleton<TicketConfirmation>();
        services.TryAddSingleton<TicketRequestDialog>();
        services.TryAddSingleton<TroubleshootingDialog>();
        services.TryAddSingleton<MainDialog>();
        services.TryAddSingleton<IBot, ItSupportBot>();
        return services;
    }
}
