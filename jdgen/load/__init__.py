"""Loading: role files in, validated roles (or positioned problems) out."""
