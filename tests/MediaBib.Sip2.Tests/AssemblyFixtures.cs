[assembly: AssemblyFixture(typeof(MediaBib.Testing.TestDatabase))]
