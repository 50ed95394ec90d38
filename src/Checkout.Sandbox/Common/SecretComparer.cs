using System.Security.Cryptography;
using System.Text;

namespace Checkout.Sandbox.Common;

internal static class SecretComparer
{
    public static bool AreEqual(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
