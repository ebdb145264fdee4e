// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Api.Hosting;
global using Analytics.Demo;
global using Analytics.Ingestion.Csv;
global using Analytics.Ingestion.Records;
global using Analytics.Ingestion.Spool;
global using Analytics.Ingestion.Writing;
global using Analytics.Storage;
global using Analytics.Storage.Embedded;
global using Analytics.Testing;
global using Microsoft.Extensions.Logging.Abstractions;
global using System.Globalization;
global using System.Net.Http.Headers;
global using System.Text;
global using System.Text.Json;
