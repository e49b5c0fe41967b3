using Mercato.Core.Access;

namespace Mercato.Core.Tests.Access;

/// <summary>The password policy, the API token's form and hash, and TOTP against RFC 6238's vectors.</summary>
public class CredentialTests
{
    private static readonly CommonPasswords Common = CommonPasswords.Of(["password", "qwertyuiop123", "1qaz2wsx3edc"]);

    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(0);

    [Fact]
    public void PasswordPolicy_AcceptsTwelveToTwoHundredFiftySixCharacters()
    {
        Assert.Empty(PasswordPolicy.Check("correct-horse", "ann", "ann@example.com", Common));
        Assert.Empty(PasswordPolicy.Check(new string('x', 12), "ann", "ann@example.com", Common));
        Assert.Empty(PasswordPolicy.Check(new string('x', 256), "ann", "ann@example.com", Common));
        Assert.Equal([Problem.Of("password", AccessCodes.PasswordTooShort, ("min", 12))], PasswordPolicy.Check(new string('x', 11), "ann", null, Common));
        Assert.Equal([Problem.Of("password", AccessCodes.PasswordTooLong, ("max", 256))], PasswordPolicy.Check(new string('x', 257), "ann", null, Common));
        Assert.Equal([Problem.Of("password", AccessCodes.PasswordTooShort, ("min", 12))], PasswordPolicy.Check(null, "ann", null, Common));
    }

    [Fact]
    public void PasswordPolicy_RefusesACommonPassword_IgnoringCase()
    {
        Assert.Equal([new Problem("password", AccessCodes.PasswordCommon)], PasswordPolicy.Check("QwertyUIOP123", "ann", null, Common));
        Assert.Equal(
            [Problem.Of("password", AccessCodes.PasswordTooShort, ("min", 12)), new Problem("password", AccessCodes.PasswordCommon)],
            PasswordPolicy.Check("Password", "ann", null, Common));
    }

    [Fact]
    public void PasswordPolicy_RefusesTheAccountIdOrTheEmailsLocalPart_IgnoringCase()
    {
        Assert.Equal([Problem.Of("password", AccessCodes.PasswordContainsName, ("name", "annlee"))], PasswordPolicy.Check("my-ANNLEE-secret", "annlee", "x@y.com", Common));
        Assert.Equal([Problem.Of("password", AccessCodes.PasswordContainsName, ("name", "a.lee"))], PasswordPolicy.Check("hello A.Lee world", "ann", "a.lee@example.com", Common));
        // Names shorter than three characters are not looked for.
        Assert.Empty(PasswordPolicy.Check("bo-is-my-friend", "bo", "bo@example.com", Common));
    }

    [Fact]
    public void CommonPasswords_TheShippedList_IsZxcvbnsAndRefusesItsLongEntries()
    {
        var shipped = CommonPasswords.Shipped;

        Assert.Equal(30_000, shipped.Count);
        Assert.True(shipped.Contains("password"));
        Assert.True(shipped.Contains("1QAZ2WSX3EDC"));
        Assert.Equal([new Problem("password", AccessCodes.PasswordCommon)], PasswordPolicy.Check("1qaz2wsx3edc", "ann", "ann@example.com", shipped));
        Assert.False(shipped.Contains("vivid-otter-staple-93"));
    }

    [Fact]
    public void CommonPasswords_Parse_OneALine_BlankLinesSkipped()
    {
        var list = CommonPasswords.Parse(new StringReader("abc\n\n  Def  \r\nabc\n"));

        Assert.Equal(2, list.Count);
        Assert.True(list.Contains("DEF"));
    }

    [Fact]
    public void TokenFormat_Create_IsPrefixBase32IdAndBase64UrlSecret()
    {
        var (id, raw) = TokenFormat.Create("fooba"u8, new byte[32]);
        var (maxId, maxRaw) = TokenFormat.Create([0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Enumerable.Repeat((byte)0xFF, 32).ToArray());

        // RFC 4648's base32 of "fooba" is MZXW6YTB.
        Assert.Equal("mzxw6ytb", id);
        Assert.Equal("mct_mzxw6ytb_" + new string('A', 43), raw);
        Assert.Equal("77777777", maxId);
        Assert.Equal("mct_77777777_" + new string('_', 42) + "8", maxRaw);
        Assert.Equal(TokenFormat.Length, raw.Length);
        Assert.Equal(Outcome<string>.Ok("mzxw6ytb").Value, TokenFormat.Parse(raw).Value);
        Assert.True(TokenFormat.Parse(maxRaw).IsOk);
        Assert.Throws<ArgumentException>(() => TokenFormat.Create(new byte[4], new byte[32]));
    }

    [Theory]
    [InlineData(null, "prefix")]
    [InlineData("", "prefix")]
    [InlineData("ghp_mzxw6ytb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "prefix")]
    [InlineData("MCT_mzxw6ytb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "prefix")]
    [InlineData("mct_mzxw6ytb_AAAA", "length")]
    [InlineData("mct_mzxw6ytb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "length")]
    [InlineData("mct_MZXW6YTB_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "characters")]
    [InlineData("mct_mzxw6yt1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "characters")]
    [InlineData("mct_mzxw6ytb-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "characters")]
    [InlineData("mct_mzxw6ytb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "characters")]
    [InlineData("mct_mzxw6ytb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "characters")]
    public void TokenFormat_Parse_MalformedTokens_SayWhy(string? raw, string reason)
    {
        var parsed = TokenFormat.Parse(raw);

        Assert.Equal((OutcomeKind.Refused, AccessCodes.TokenMalformed, MessageArgs.Of(("reason", reason))), (parsed.Kind, parsed.Code, parsed.Args));
    }

    [Fact]
    public void TokenFormat_Hash_IsLowerHexSha256_ComparedWhole()
    {
        // FIPS 180-2's example: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenFormat.Hash("abc"));
        var raw = TokenFormat.Create("fooba"u8, new byte[32]).Raw;
        Assert.Equal(64, TokenFormat.Hash(raw).Length);
        Assert.True(TokenFormat.HashesEqual(TokenFormat.Hash(raw), TokenFormat.Hash(raw)));
        Assert.False(TokenFormat.HashesEqual(TokenFormat.Hash(raw), TokenFormat.Hash(raw[..^1] + "B")));
        Assert.False(TokenFormat.HashesEqual(TokenFormat.Hash(raw), TokenFormat.Hash(raw)[..63]));
    }

    // RFC 6238 appendix B: the SHA-1 secret is the ASCII of "12345678901234567890", here in base32 (RFC 4648).
    private const string RfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Totp_Compute_MatchesRfc6238sSha1Vectors(long unixSeconds, string code)
    {
        var at = Epoch.AddSeconds(unixSeconds);

        Assert.Equal(code, Totp.Compute(RfcSecret, at, 8));
        Assert.Equal(code[^6..], Totp.Compute(RfcSecret, at));
    }

    [Fact]
    public void Totp_Verify_OneStepEitherSide_AndEachStepOnce()
    {
        var t59 = Epoch.AddSeconds(59);

        Assert.Equal(1L, Totp.Verify(RfcSecret, "287082", t59, null));
        Assert.Equal(1L, Totp.Verify(RfcSecret, "287 082", t59, null));
        Assert.Equal(1L, Totp.Verify(RfcSecret, "287082", t59.AddSeconds(30), null));
        Assert.Equal(1L, Totp.Verify(RfcSecret, "287082", t59.AddSeconds(-30), null));
        Assert.Null(Totp.Verify(RfcSecret, "287082", t59.AddSeconds(60), null));
        // Used once: the same step is refused, and so is any before it.
        Assert.Null(Totp.Verify(RfcSecret, "287082", t59, lastStep: 1));
        Assert.Null(Totp.Verify(RfcSecret, "287082", t59, lastStep: 2));
        Assert.Null(Totp.Verify(RfcSecret, "287083", t59, null));
        Assert.Null(Totp.Verify(RfcSecret, "94287082", t59, null));
        Assert.Null(Totp.Verify(RfcSecret, "28708a", t59, null));
        Assert.Null(Totp.Verify("not base32!", "287082", t59, null));
        Assert.Null(Totp.Verify(null, "287082", t59, null));
        Assert.Equal(1L, Totp.StepAt(t59));
    }

    [Fact]
    public void Totp_NewSecretAndEnrolmentUri()
    {
        var secret = Totp.NewSecret(new byte[20]);

        Assert.Equal(new string('A', 32), secret);
        Assert.Equal(
            "otpauth://totp/Mercato:ann.lee?secret=" + secret + "&issuer=Mercato&algorithm=SHA1&digits=6&period=30",
            Totp.EnrolmentUri(secret, "ann.lee"));
        Assert.Throws<ArgumentException>(() => Totp.NewSecret(new byte[10]));
    }
}
