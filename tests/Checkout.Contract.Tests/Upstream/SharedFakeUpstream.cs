namespace Checkout.Contract.Tests.Upstream;

/// <summary>One WireMock.Net for every contract test; the tests in it run one at a time and reset it first.</summary>
[CollectionDefinition(Name)]
public sealed class SharedFakeUpstream : ICollectionFixture<FakeUpstream>
{
    public const string Name = "Fake upstream";
}
