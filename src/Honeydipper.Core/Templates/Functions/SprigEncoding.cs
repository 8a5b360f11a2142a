using System.Security.Cryptography;
using System.Text;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's encodings and digests. Decoding failures return Go's error text as the result, as sprig does.</summary>
internal static class SprigEncoding
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("b64enc", [S], a => Convert.ToBase64String(Encoding.UTF8.GetBytes((string)a[0]!))),
        F("b64dec", [S], a => B64Dec((string)a[0]!)),
        F("b32enc", [S], a => Base32.Encode(Encoding.UTF8.GetBytes((string)a[0]!))),
        F("b32dec", [S], a => Base32.Decode((string)a[0]!)),
#pragma warning disable CA5350 // sprig's sha1sum is a checksum for compatibility, not a security measure.
        F("sha1sum", [S], a => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes((string)a[0]!)))),
#pragma warning restore CA5350
        F("sha256sum", [S], a => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)a[0]!)))),
        F("adler32sum", [S], a => Adler32(Encoding.UTF8.GetBytes((string)a[0]!)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static string B64Dec(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            int at = 0;
            while (at < s.Length && (char.IsAsciiLetterOrDigit(s[at]) || s[at] is '+' or '/'))
            {
                at++;
            }

            return $"illegal base64 data at input byte {at}";
        }
    }

    private static uint Adler32(byte[] data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        foreach (byte d in data)
        {
            a = (a + d) % Mod;
            b = (b + a) % Mod;
        }

        return (b << 16) | a;
    }

    /// <summary>RFC 4648 base32 with padding, as Go's base32.StdEncoding.</summary>
    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static string Encode(byte[] data)
        {
            StringBuilder sb = new();
            for (int i = 0; i < data.Length; i += 5)
            {
                int n = Math.Min(5, data.Length - i);
                ulong buffer = 0;
                for (int k = 0; k < 5; k++)
                {
                    buffer = (buffer << 8) | (k < n ? data[i + k] : (byte)0);
                }

                int chars = (n * 8 + 4) / 5;
                for (int k = 0; k < 8; k++)
                {
                    sb.Append(k < chars ? Alphabet[(int)((buffer >> (35 - (k * 5))) & 31)] : '=');
                }
            }

            return sb.ToString();
        }

        public static string Decode(string s)
        {
            List<byte> bytes = [];
            string body = s.TrimEnd('=');
            if (s.Length % 8 != 0)
            {
                return $"illegal base32 data at input byte {s.Length - (s.Length % 8)}";
            }

            ulong buffer = 0;
            int bits = 0;
            for (int i = 0; i < body.Length; i++)
            {
                int v = Alphabet.IndexOf(body[i], StringComparison.Ordinal);
                if (v < 0)
                {
                    return $"illegal base32 data at input byte {i}";
                }

                buffer = (buffer << 5) | (uint)v;
                bits += 5;
                if (bits >= 8)
                {
                    bits -= 8;
                    bytes.Add((byte)(buffer >> bits));
                }
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }
    }
}
