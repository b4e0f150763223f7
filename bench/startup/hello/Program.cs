// Prints a version, as `ilobackup --version` does, and exits.
Console.WriteLine("0.1.0");
