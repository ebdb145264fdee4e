// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Testing;
global using Microsoft.Playwright;
global using System.Globalization;
global using System.Text.Json;
