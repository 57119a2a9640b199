using TeamsItBot.Framework.Hosting;
using TeamsItBot.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddBotStorage(builder.Configuration);

var app = builder.Build();

app.MapBotEndpoints();

app.Run();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
