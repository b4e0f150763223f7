namespace IloBackup.Emulator.Configuration;

/// <summary>The time zones the emulated iLO offers (an abridged <c>TimeZoneList</c>, iLO's names).</summary>
public static class TimeZones
{
    public const string Default = "Greenwich Mean Time, Casablanca, Monrovia";

    /// <summary>Name and UTC offset, in iLO's index order.</summary>
    public static IReadOnlyList<(string Name, string UtcOffset)> All { get; } =
    [
        ("International Date Line West", "-12:00"),
        ("Hawaii", "-10:00"),
        ("Pacific Time(US & Canada), Tijuana, Portland", "-08:00"),
        ("Central Time(US & Canada), Guadalajara, Mexico City", "-06:00"),
        ("Eastern Time(US & Canada), Indiana(East), Bogota, Lima", "-05:00"),
        ("Brasilia, Buenos Aires, Georgetown", "-03:00"),
        (Default, "+00:00"),
        ("Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "+01:00"),
        ("Athens, Bucharest, Helsinki, Kyiv", "+02:00"),
        ("Moscow, St. Petersburg, Nairobi", "+03:00"),
        ("Chennai, Kolkata, Mumbai, New Delhi", "+05:30"),
        ("Beijing, Hong Kong, Singapore, Taipei", "+08:00"),
        ("Osaka, Sapporo, Tokyo, Seoul", "+09:00"),
        ("Canberra, Melbourne, Sydney", "+10:00"),
        ("Auckland, Wellington", "+12:00"),
    ];

    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
