using System.Security.Cryptography;

namespace IloBackup.Emulator.Ilo;

/// <summary>Makes plausible identities: serials like <c>MXQ78407Z2</c>, HPE MAC prefixes, real product names.</summary>
internal static class IdentityFactory
{
    private const string Alphanumeric = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static IloIdentity Create(int index, int generation, string firmware, string toeTagPassword)
    {
        var products = IloGenerations.Products(generation);
        var (name, id) = products[index % products.Count];
        return new IloIdentity
        {
            ServerSerial = "MXQ" + Random(7),
            ProductName = name,
            ProductId = id,
            Uuid = Guid.NewGuid(),
            Generation = generation,
            FirmwareVersion = firmware,
            BoardSerial = NewBoardSerial(),
            MacAddress = NewMacAddress(),
            ToeTagPassword = toeTagPassword,
        };
    }

    public static string NewBoardSerial() => "PWARU" + Random(9);

    /// <summary>An address in one of HPE's OUIs (94:40:c9).</summary>
    public static string NewMacAddress()
    {
        Span<byte> tail = stackalloc byte[3];
        RandomNumberGenerator.Fill(tail);
        return $"94:40:c9:{tail[0]:x2}:{tail[1]:x2}:{tail[2]:x2}";
    }

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphanumeric, length);
}
