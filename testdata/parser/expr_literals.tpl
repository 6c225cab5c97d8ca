{{ "double \"quoted\"" }}{{ 'single \'quoted\'' }}{{ 42 }}{{ -7 }}{{ 3.14 }}{{ -0.5 }}{{ 1e3 }}{{ True }}{{ False }}{{ None }}{{ true }}{{ false }}{{ none }}{{ nil }}
