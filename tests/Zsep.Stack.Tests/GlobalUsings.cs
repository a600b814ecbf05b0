global using Zsep.Tests;
