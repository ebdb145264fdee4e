// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Reports.Dashboards;
global using Analytics.Reports.FollowUps;
global using Analytics.Reports.Rendering;
global using Analytics.Reports.Runs;
global using Analytics.Reports.Tests.Support;
global using Analytics.Storage;
global using Analytics.Testing;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging.Abstractions;
global using System.Globalization;
global using System.Text.Json;
global using UglyToad.PdfPig;
