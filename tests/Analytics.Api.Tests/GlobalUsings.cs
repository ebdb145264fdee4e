// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Testing;
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text;
global using System.Text.Json;
