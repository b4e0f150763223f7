using System.Security.Cryptography;

namespace IloBackup.Emulator.Ilo;

/// <summary>Makes plausible identities: serials like <c>MXQ78407Z2</c>, HPE MAC prefixes, real product names.</summary>
internal static class IdentityFactory
{
    private const string Alphanumeric = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static readonly (string Name, string Id)[] Gen5Products =
    [
        ("ProLiant DL360 Gen10 Plus", "P19766-B21"),
        ("ProLiant DL380 Gen10", "868703-B21"),
        ("ProLiant DL360 Gen10", "867959-B21"),
        ("ProLiant DL380 Gen10 Plus", "P05172-B21"),
    ];

    private static readonly (string Name, string Id)[] Gen6Products =
    [
        ("ProLiant DL360 Gen11", "P52499-B21"),
        ("ProLiant DL380 Gen11", "P52534-B21"),
    ];

    public static IloIdentity Create(int index, int generation, string firmware, string toeTagPassword)
    {
        var products = generation >= 6 ? Gen6Products : Gen5Products;
        var (name, id) = products[index % products.Length];
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
