using Analytics.Api.Apis;
using Analytics.Api.Auth;
using Analytics.Api.Hosting;
using Analytics.Storage;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
builder.AddStructuredLogging();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddStorage();
builder.AddApiKeyAuth();

var app = builder.Build();
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthApi();
app.MapIdentityApi();

if (await app.TryStartStorageAsync())
{
    await app.RunAsync();
}

/// <summary>The host's entry point; public so in-process tests can start it.</summary>
public partial class Program;
