from directory.kit import PageGenerator

from .charts import directory_charts


class ChartsGenerator(PageGenerator):
    def generate_output(self, writer):
        self.write_page(writer, "CHARTS", "stats", charts=directory_charts(self.context["directory"]))
