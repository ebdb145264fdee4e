using Analytics.Api.Apis;
using Analytics.Api.Auth;
using Analytics.Api.Dashboards;
using Analytics.Api.GraphQL;
using Analytics.Api.Hosting;
using Analytics.Api.Reports;
using Analytics.Ingestion;
using Analytics.Metrics;
using Analytics.Reports;
using Analytics.Storage;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
builder.AddStructuredLogging();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddStorage(ApplicationSchema.Catalog);
builder.AddIngestion();
builder.AddApiKeyAuth();
builder.AddMetrics();
// The target-accounts import refuses the names of the metrics' rule lists.
builder.Services.AddSingleton<Analytics.Ingestion.Accepting.IRuleListNames, RuleListNames>();
builder.AddReports();
builder.AddGraphQLApi();
builder.AddReportRendering();
builder.AddDashboards();
builder.Services.AddHostedService<DemoSeeder>();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseHttpMetrics();
app.UseDashboardUi();
app.UseGraphiQLPage();
// Before authentication: browsers send CORS preflights without the key.
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapHealthApi();
app.MapIdentityApi();
app.MapIngestionApi();
app.MapSurveyWebhooksApi();
app.MapAdminApi();
app.MapGraphQLApi();
app.MapExportsApi();
app.MapReportsApi();

if (await app.TryStartAsync())
{
    await app.WaitForShutdownAsync();
}

await app.DisposeAsync();

// TRICKY: in-process test hosts (WebApplicationFactory) run this too when one of them stops; shutting the engine down
// there would keep every later host of the test process from opening it. Only a real exit shuts it down.
if (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    StorageRuntime.ShutDownEmbeddedEngine();
}

/// <summary>The host's entry point; public so in-process tests can start it.</summary>
public partial class Program;
