"""What tools read: JSON, SARIF, JUnit, GitHub workflow commands."""
