using System;
using System.Globalization;

namespace Zsep.Simulation.Medium
{
    /// <summary>A radio's position in metres (x, y, z). z is height: a basement meter has a negative z.</summary>
    [Serializable]
    public readonly struct Position : IEquatable<Position>
    {
        public Position(double x, double y, double z = 0)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public double X { get; }

        public double Y { get; }

        public double Z { get; }

        /// <summary>Straight-line distance in metres.</summary>
        public static double Distance(Position a, Position b)
        {
            double dx = a.X - b.X, dy = a.Y - b.Y, dz = a.Z - b.Z;
            return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
        }

        public bool Equals(Position other) => X == other.X && Y == other.Y && Z == other.Z;

        public override bool Equals(object? obj) => obj is Position other && Equals(other);

        public override int GetHashCode() => X.GetHashCode() ^ (Y.GetHashCode() * 397) ^ (Z.GetHashCode() * 7919);

        public static bool operator ==(Position a, Position b) => a.Equals(b);

        public static bool operator !=(Position a, Position b) => !a.Equals(b);

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "({0:0.##}, {1:0.##}, {2:0.##}) m", X, Y, Z);
    }
}
