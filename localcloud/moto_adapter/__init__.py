"""moto's private names, in one place: every moto internal the toolkit uses is reached through this package."""
