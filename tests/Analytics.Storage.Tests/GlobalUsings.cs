// Namespaces most of this project's test files use, once for all of them.
global using Analytics.Storage.Schema;
