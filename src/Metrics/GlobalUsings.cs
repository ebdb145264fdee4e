global using Analytics.Storage;
