// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Ingestion.Csv;
global using Analytics.Metrics.Common;
global using Analytics.Metrics.Funnel;
global using Analytics.Metrics.Scoring;
global using Analytics.Metrics.Sentiment;
global using Analytics.Metrics.Surveys;
global using Analytics.Metrics.Themes;
global using Analytics.Storage;
global using Analytics.Testing;
global using System.Globalization;
global using System.Net;
global using System.Text.Json;
