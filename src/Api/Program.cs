using Analytics.Api.Apis;
using Analytics.Api.Auth;
using Analytics.Api.GraphQL;
using Analytics.Api.Hosting;
using Analytics.Api.Reports;
using Analytics.Ingestion;
using Analytics.Metrics;
using Analytics.Storage;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
builder.AddStructuredLogging();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddStorage();
builder.AddIngestion();
builder.AddApiKeyAuth();
builder.AddMetrics();
builder.AddGraphQLApi();
builder.AddReportRendering();
builder.Services.AddHostedService<DemoSeeder>();

var app = builder.Build();
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthApi();
app.MapIdentityApi();
app.MapIngestionApi();
app.MapAdminApi();
app.MapGraphQLApi();
app.MapExportsApi();

if (await app.TryStartAsync())
{
    await app.WaitForShutdownAsync();
}

await app.DisposeAsync();
StorageRuntime.ShutDownEmbeddedEngine();

/// <summary>The host's entry point; public so in-process tests can start it.</summary>
public partial class Program;
