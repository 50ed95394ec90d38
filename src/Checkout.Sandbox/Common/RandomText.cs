using System.Buffers.Text;
using System.Security.Cryptography;

namespace Checkout.Sandbox.Common;

internal static class RandomText
{
    public static string Hex(int characters) =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(characters / 2));

    public static string UrlSafe(int bytes = 24) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
