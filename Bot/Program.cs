using TeamsItBot.Framework.Hosting;
using TeamsItBot.Operations;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddOperations(builder.Configuration);

var app = builder.Build();

app.MapHealthEndpoints();
app.MapBotEndpoints();

app.Run();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
