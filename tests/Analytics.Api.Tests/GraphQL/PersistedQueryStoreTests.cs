using Analytics.Api.Apis;
using Analytics.Api.GraphQL;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Tests.GraphQL;

/// <summary>The persisted queries' store keeps at most its size cap of query text, forgetting the least recently used.</summary>
public sealed class PersistedQueryStoreTests
{
    private static PersistedQueryStore StoreOf(long bytes) => new(Options.Create(new GraphQLOptions { PersistedQueriesMaxBytes = bytes }));

    [Fact]
    public void Beyond_its_cap_the_store_forgets_the_least_recently_used()
    {
        var store = StoreOf(30);
        store.Add("a", "{ aaaaaaaa }"); // 12 bytes each
        store.Add("b", "{ bbbbbbbb }");
        Assert.Equal("{ aaaaaaaa }", store.Find("a")); // a is now more recent than b

        store.Add("c", "{ cccccccc }");

        Assert.Equal(2, store.Count);
        Assert.Null(store.Find("b"));
        Assert.Equal("{ aaaaaaaa }", store.Find("a"));
        Assert.Equal("{ cccccccc }", store.Find("c"));
    }

    [Fact]
    public void A_query_larger_than_the_whole_store_is_not_kept_and_evicts_nothing()
    {
        var store = StoreOf(20);
        store.Add("a", "{ a }");

        store.Add("big", "{ " + new string('x', 40) + " }");

        Assert.Null(store.Find("big"));
        Assert.Equal("{ a }", store.Find("a"));
    }
}
