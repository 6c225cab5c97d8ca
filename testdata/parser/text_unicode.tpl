Grüße, 世界 {{ naïve }} — {{ "ünï" }} 🎉 {{ x|default:"…" }}
