global using Analytics.Storage;
global using Analytics.Metrics.TargetLists;
