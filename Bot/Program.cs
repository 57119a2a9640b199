using TeamsItBot.Framework.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBotFramework(builder.Configuration);

var app = builder.Build();

app.MapBotEndpoints();

app.Run();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
