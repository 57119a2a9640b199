using TeamsItBot;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Insights;
using TeamsItBot.LocalTracker;
using TeamsItBot.Operations;
using TeamsItBot.Storage;
using TeamsItBot.Support;
using TeamsItBot.Tickets;

var builder = WebApplication.CreateBuilder(args);

// Storage first: it provides the stores whose in-memory defaults the parts below add with TryAdd.
builder.Services.AddBotStorage(builder.Configuration);
builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddItSupport(builder.Configuration);
builder.Services.AddInsights(builder.Configuration);
builder.Services.AddTickets(builder.Configuration);
builder.Services.AddLocalTrackerForTickets(builder.Configuration, builder.Environment);
builder.Services.AddOperations(builder.Configuration);

var app = builder.Build();

// Health first: it validates every options class at once, so a bad configuration is reported whole.
app.MapHealthEndpoints();
app.MapBotEndpoints();
app.MapLocalTracker();
app.MapInsights();

app.Run();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
