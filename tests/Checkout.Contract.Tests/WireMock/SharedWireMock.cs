namespace Checkout.Contract.Tests.WireMock;

/// <summary>One WireMock for every test; the tests in it run one at a time and reset it first.</summary>
[CollectionDefinition(Name)]
public sealed class SharedWireMock : ICollectionFixture<WireMockServer>
{
    public const string Name = "WireMock";
}
