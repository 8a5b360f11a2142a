using System.Security.Cryptography;
using System.Text;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's random, UUID, AES and key functions on .NET's cryptography. Functions whose algorithms the BCL lacks
/// (bcrypt, scrypt-based <c>derivePassword</c>, DSA and ed25519 keys, certificate generation) are present but fail with a
/// clear error, so templates that mention them in branches never taken still parse and run.
/// </summary>
internal static class SprigCrypto
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    public static IEnumerable<TemplateFunction> All() =>
    [
        F("uuidv4", [], _ => Guid.NewGuid().ToString()),
        C("randBytes", [I], null, (c, a) => RandBytes(c, (int)a[0]!)),
        C("randAlphaNum", [I], null, (c, a) => Random(c, (int)a[0]!, Letters + Digits)),
        C("randAlpha", [I], null, (c, a) => Random(c, (int)a[0]!, Letters)),
        C("randNumeric", [I], null, (c, a) => Random(c, (int)a[0]!, Digits)),
        C("randAscii", [I], null, (c, a) => Random(c, (int)a[0]!, AsciiPrintable())),
        F("encryptAES", [S, S], a => EncryptAes((string)a[0]!, (string)a[1]!)),
        F("decryptAES", [S, S], a => DecryptAes((string)a[0]!, (string)a[1]!)),
        F("genPrivateKey", [S], a => GeneratePrivateKey((string)a[0]!)),
        Unsupported("bcrypt", [S], "bcrypt is not in .NET's class library"),
        Unsupported("htpasswd", [S, S], "htpasswd needs bcrypt, which is not in .NET's class library"),
        Unsupported("derivePassword", [GoParam.Uint32, S, S, S, S], "derivePassword needs scrypt, which is not in .NET's class library"),
        Unsupported("buildCustomCert", [S, S], "certificate functions are not supported"),
        Unsupported("genCA", [S, I], "certificate functions are not supported"),
        Unsupported("genCAWithKey", [S, I, S], "certificate functions are not supported"),
        Unsupported("genSelfSignedCert", [S, GoParam.List, GoParam.List, I], "certificate functions are not supported"),
        Unsupported("genSelfSignedCertWithKey", [S, GoParam.List, GoParam.List, I, S], "certificate functions are not supported"),
        Unsupported("genSignedCert", [S, GoParam.List, GoParam.List, I, A], "certificate functions are not supported"),
        Unsupported("genSignedCertWithKey", [S, GoParam.List, GoParam.List, I, A, S], "certificate functions are not supported"),
    ];

    private static TemplateFunction Unsupported(string name, GoParam[] parameters, string why) =>
        F(name, parameters, _ => throw new NotSupportedException($"{why} (see docs/templates.md)"));

    private static string AsciiPrintable() => new([.. Enumerable.Range(32, 95).Select(i => (char)i)]);

    private static string Random(TemplateFunctionContext c, int count, string alphabet)
    {
        if (count <= 0)
        {
            // goutils reports an error for a negative count, which sprig drops.
            return string.Empty;
        }

        c.CheckSize(count, "random string");
        return RandomNumberGenerator.GetString(alphabet, count);
    }

    private static string RandBytes(TemplateFunctionContext c, int count)
    {
        if (count < 0)
        {
            throw new InvalidOperationException("runtime error: makeslice: len out of range");
        }

        c.CheckSize(count * 2L, "randBytes");
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(count));
    }

    private static byte[] Key(string password)
    {
        byte[] key = new byte[32];
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        Array.Copy(bytes, key, Math.Min(32, bytes.Length));
        return key;
    }

    /// <summary>AES-256-CBC with PKCS#7 padding and a random IV in front, base64: sprig's format.</summary>
    private static string EncryptAes(string password, string plaintext)
    {
        if (plaintext.Length == 0)
        {
            return string.Empty;
        }

        using Aes aes = Aes.Create();
        aes.Key = Key(password);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String([.. iv, .. cipher]);
    }

    private static string DecryptAes(string password, string crypt64)
    {
        if (crypt64.Length == 0)
        {
            return string.Empty;
        }

        byte[] crypt = Convert.FromBase64String(crypt64);
        if (crypt.Length < 16 || crypt.Length % 16 != 0)
        {
            throw new InvalidOperationException("crypto/cipher: input not full blocks");
        }

        using Aes aes = Aes.Create();
        aes.Key = Key(password);
        byte[] plain = aes.DecryptCbc(crypt.AsSpan(16), crypt.AsSpan(0, 16), PaddingMode.None);
        int padding = plain.Length == 0 ? 0 : plain[^1];
        if (padding > plain.Length)
        {
            throw new InvalidOperationException($"runtime error: slice bounds out of range [:{plain.Length - padding}]");
        }

        return Encoding.UTF8.GetString(plain, 0, plain.Length - padding);
    }

    private static string GeneratePrivateKey(string type)
    {
        switch (type)
        {
            case "" or "rsa":
                using (RSA rsa = RSA.Create(4096))
                {
                    return rsa.ExportRSAPrivateKeyPem() + "\n";
                }

            case "ecdsa":
                using (ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return ec.ExportECPrivateKeyPem() + "\n";
                }

            case "dsa" or "ed25519":
                throw new NotSupportedException($"{type} keys are not supported here; use rsa or ecdsa (see docs/templates.md)");
            default:
                return "Unknown type " + type;
        }
    }
}
