"""What every endpoint of the API shares: published records only, the public lists' filters,
pages of results, a rate per reader, conditional requests, redirects from old slugs, and errors
in one shape."""

import hashlib

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import condition
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, routers, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.reverse import reverse
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler

from plenaries.changes import record_version
from plenaries.filters import unknown_parameters
from plenaries.page_cache import allow_public_caching, code_version, from_code_alone
from plenaries.views.base import renamed


class Pages(PageNumberPagination):
    """Pages of 50 records, or of `page_size` from 1 to 200. A page size that is not one is
    refused (REST framework would quietly use 50), and the schema says which are."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isdigit() or not 1 <= int(given) <= self.max_page_size:
            message = f"A whole number from 1 to {self.max_page_size}."
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(given)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(limits[parameter["name"]])
        return parameters


class ReaderRateThrottle(AnonRateThrottle):
    """Each reader's address may ask API_RATE requests (settings), read at each request so
    that a deployment, or a test, can change it."""

    def get_rate(self):
        return settings.API_RATE


class ListFilterBackend(DjangoFilterBackend):
    """The public list's FilterSet (plenaries.filters), applied as the page applies it, then in
    its order. A parameter the endpoint does not know, given without a value or more than
    once, is refused rather than ignored: a mistyped filter would otherwise return everything,
    looking filtered."""

    def filter_queryset(self, request, queryset, view):
        known = {"format", *view.paginator_parameters()}
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            known.update(filterset.filters)
        unknown = unknown_parameters(request.query_params, known)
        errors = {name: ["This endpoint has no such parameter."] for name in unknown}
        # A form sends its empty fields; a program sends what it means, once.
        for name, values in request.query_params.lists():
            if len(values) > 1:
                errors[name] = ["Give this parameter once."]
            elif values == [""]:
                errors[name] = ["Give a value, or leave the parameter out."]
        if filterset is not None and not filterset.is_valid():
            errors.update(filterset.errors)
        if errors:
            raise exceptions.ValidationError(errors)
        return queryset if filterset is None else view.in_order(filterset)


def for_the_api(filterset_class):
    """A public list's FilterSet as the API applies it: less `page`, which the API's pagination
    reads."""
    return type(filterset_class.__name__, (filterset_class,), {"page": None})


def parameter_schema(filter_):
    """The OpenAPI schema of one filter's parameter, read from the form field that validates it
    when the schema is asked for, so that the schema promises exactly what is accepted: the
    values of a choice, the slugs of the records a filter picks from, a number's limits, a
    text's length."""
    field = filter_.field
    schema = {"type": "string"}
    if isinstance(field, forms.ModelChoiceField):
        schema["enum"] = list(
            field.queryset.order_by(field.to_field_name).values_list(field.to_field_name, flat=True)
        )
    elif isinstance(field, forms.ChoiceField):
        schema["enum"] = [str(value) for value, _label in field.choices if value != ""]
    elif isinstance(field, forms.DecimalField | forms.IntegerField):
        schema["type"] = "integer"
        validators = field.validators
        lowest = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
        highest = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
        if lowest:
            schema["minimum"] = max(lowest)
        if highest:  # django-filter adds a ceiling of its own, far above any the list sets
            schema["maximum"] = min(highest)
    else:  # words: given, not empty (ListFilterBackend), and no null character (Django's)
        schema["minLength"] = 1
        schema["pattern"] = r"^[^\x00]*$"
        if field.max_length:
            schema["maxLength"] = field.max_length
    return schema


class ErrorSerializer(serializers.Serializer):
    """Every error: a sentence, and for a bad query the message of each parameter."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def api_exception_handler(exc, context):
    """DRF's answer, in one shape: {"detail": ..., "errors": {parameter: [messages]}}."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": "The query is not valid.", "errors": response.data}
    return response


class Schema(AutoSchema):
    """Every operation documents the answers it may give besides its record, and is filed under
    the records it serves ("decisions"), not the API's version."""

    def get_tags(self):
        return self._tokenize_path()[1:2]

    def get_override_parameters(self):
        """A list's filters, each with the schema of what it accepts (parameter_schema)."""
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None or not self._is_list_view():
            return super().get_override_parameters()
        return [
            OpenApiParameter(
                name,
                type=parameter_schema(filter_),
                location=OpenApiParameter.QUERY,
                description=str(filter_.label),
            )
            for name, filter_ in filterset_class.base_filters.items()
        ]

    def _get_filter_parameters(self):
        return []  # get_override_parameters() gives them, with what each accepts

    def get_response_serializers(self):
        found = super().get_response_serializers()
        responses = {
            200: found,
            304: OpenApiResponse(description="Not modified since the ETag or date asked."),
            400: OpenApiResponse(ErrorSerializer, description="A parameter is not valid."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests; wait."),
        }
        if not self._is_list_view(found):
            responses[301] = OpenApiResponse(description="Moved: the record's slug changed.")
            responses[404] = OpenApiResponse(ErrorSerializer, description="No such record.")
        else:
            responses[404] = OpenApiResponse(ErrorSerializer, description="No such page.")
        return responses


def request_version(request):
    """The record's version (plenaries.changes), read once per request."""
    if not hasattr(request, "record_version"):
        request.record_version = record_version()
    return request.record_version


def request_changed_at(request, *args, **kwargs):
    """The time of the record's last change."""
    return request_version(request).changed_at


def request_etag(request, *args, **kwargs):
    """One representation of the record as it stands: the address, the format asked for, the
    record's version and the code, so that a deployment never answers 304 with an old shape."""
    parts = (request.get_full_path(), request.headers.get("Accept", ""), code_version())
    key = "\n".join((*parts, str(request_version(request).number)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class Conditional:
    """A view of the API: in the site's default language, at a rate per reader, and answering
    a repeated request with a 304, for one query, while the record has not changed."""

    throttle_classes = (ReaderRateThrottle,)

    def dispatch(self, request, *args, **kwargs):
        answer = condition(request_etag, request_changed_at)(super().dispatch)
        with translation.override(settings.LANGUAGE_CODE):
            response = answer(request, *args, **kwargs)
        patch_vary_headers(response, ("Accept",))
        return allow_public_caching(response)


class SchemaView(Conditional, SpectacularAPIView):
    """The OpenAPI schema. It names the records a filter may pick, so it changes with them."""


class WithoutData:
    """A view of the API that reads nothing from the record, and answers while the database is
    down: kept by caches as the rest of the API is, with an ETag of its content."""

    def dispatch(self, request, *args, **kwargs):
        return from_code_alone(super().dispatch)(request, *args, **kwargs)


class DocsView(WithoutData, SpectacularSwaggerSplitView):
    """The API's documentation, a page that reads the schema."""


class RootView(WithoutData, routers.APIRootView):
    """The list of the API's endpoints."""


class RecordViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    """The published records of one model, by slug. A slug a record once had, as its history
    keeps it, redirects to its new address."""

    lookup_field = "slug"
    # Any address under a list reaches the viewset, which answers in JSON, a 404 included.
    lookup_value_regex = "[^/]+"
    filterset_class = None  # or the public list's, for_the_api()
    pagination_class = Pages
    filter_backends = (ListFilterBackend,)
    schema = Schema()

    def paginator_parameters(self):
        pages = self.paginator
        return (pages.page_query_param, pages.page_size_query_param) if pages else ()

    def in_order(self, filterset):
        """The records the filter set finds, in the order its list shows them."""
        return filterset.qs

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            if self.lookup_field != "slug":
                raise
            moved = renamed(self.get_queryset(), self.kwargs[self.lookup_field])
            if moved is None:
                raise
            name = f"api:{self.basename}-detail"
            address = reverse(name, kwargs={self.lookup_field: moved.slug}, request=request)
            return HttpResponsePermanentRedirect(address)
