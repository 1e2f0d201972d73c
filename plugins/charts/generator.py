from pelican.generators import Generator

from .charts import directory_charts


class ChartsGenerator(Generator):
    def generate_output(self, writer):
        writer.write_file(
            self.settings["CHARTS_SAVE_AS"],
            self.get_template("stats"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["CHARTS_URL"],
            charts=directory_charts(self.context["directory"]),
        )
